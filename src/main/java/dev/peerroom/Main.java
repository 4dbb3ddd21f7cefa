package dev.peerroom; public class Main { public static void main(String[] a){} }
